using Hangfire;
using Hangfire.Common;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Scheduling;

public static class SchedulingServices
{
    public const string DashboardPath = "/jobs";

    // A lock older than DistributedLockTimeout counts as left by a replica that died holding it. Hangfire's
    // locks here guard writes that take milliseconds (a schedule, a clean-up batch), so a minute is ample and
    // a dead replica holds up a job's schedule for a minute rather than the default ten.
    private static readonly PostgreSqlStorageOptions StorageOptions = new()
    {
        SchemaName = DatabaseMigrator.JobsSchema, PrepareSchemaIfNecessary = false, QueuePollInterval = TimeSpan.FromSeconds(1),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        // Storage, activator and filters belong to this host, not to Hangfire's static defaults: the
        // statics are shared by every host in the process, and a second one (the test suite starts many)
        // would otherwise run this host's jobs with its services, against its database.
        // Hangfire connects as its own role, which owns its schema and nothing else (no rights on the app's
        // tables); the migrator creates that role and installs the schema before the scheduler starts.
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.JobsConnectionString, StorageOptions),
            StorageOptions));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddOptions<JobsDashboardOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsDashboardOptions>, JobsDashboardOptionsValidator>();
        // With IAntiforgery registered, Hangfire puts a token in every dashboard page and refuses a POST
        // (trigger, delete, requeue) without it: basic credentials are replayed by the browser, so a page
        // elsewhere could otherwise post to /jobs as a signed-in operator.
        services.AddAntiforgery();
        services.AddSingleton<JobRunRecorder>();
        services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            server.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            // Hangfire's global filters (retries and the like) plus this host's own.
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobRunRecorder>() });
        });
        services.AddHostedService<RegisterRecurringJobs>();

        services.AddOptions<RetentionOptions>().BindConfiguration("")
            .Validate(o => o.WebhookDeliveryDays >= 1, "WEBHOOK_DELIVERY_RETENTION_DAYS must be at least 1").ValidateOnStart();
        services.AddRecurringJob<CleanUpJob>("CleanUp", "0 * * * *");
        return services;
    }

    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string defaultCron)
        where TJob : class, IRecurringJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJobDefinition(name, typeof(TJob), defaultCron));
        return services;
    }

    /// <summary>The dashboard at <c>/jobs</c>: operators act, other admins look (see <see cref="JobsDashboardAuthorization"/>).</summary>
    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(DashboardPath), branch => branch.UseMiddleware<JobsDashboardAuthorization>());
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardViewerFilter()],
            IsReadOnlyFunc = ctx => !JobsDashboardAuthorization.IsOperator(ctx.GetHttpContext()),
            DashboardTitle = "Mindguard jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
