using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Scheduling;

public static class SchedulingServices
{
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            // Hangfire manages its own schema, so it connects as the owner role; it holds no personal data.
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.OwnerConnectionString),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) }));
        services.AddSingleton<JobRunRecorder>();
        services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            // This server's own filters next to Hangfire's global ones (retries and the like): the global list
            // is static, and a second host in the process must not record its runs into this one's database.
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { sp.GetRequiredService<JobRunRecorder>() });
        });
        services.AddHostedService<RegisterRecurringJobs>();

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

    /// <summary>The dashboard at <c>/jobs</c>, for admins only (see <see cref="JobsDashboardAuthorization"/>).</summary>
    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(DashboardPath), branch => branch.UseMiddleware<JobsDashboardAuthorization>());
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AuthenticatedAdminFilter()],
            DashboardTitle = "Mindguard jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
