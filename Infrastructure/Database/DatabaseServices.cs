namespace Mindguard.Infrastructure.Database;

public static class DatabaseServices
{
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        DapperConventions.Apply();

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration("")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // The one data source every request, handler and job uses: it connects as the runtime role,
        // so row-level security applies to everything the app reads at run time.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(options.AppConnectionString);
            // The app runs the same few dozen statements all day: prepared once per connection, PostgreSQL
            // stops parsing and planning each of them on every call. A setting in the URL wins.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
                builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }
            // Waiting 15 s (Npgsql's default) for a pooled connection holds a webhook request until Telegram
            // gives up on it; after 2 s the request fails as unavailable (503, nothing stored) and the update
            // comes again. connect_timeout (or Timeout) in the URL wins.
            if (builder.ConnectionStringBuilder.Timeout == 15) builder.ConnectionStringBuilder.Timeout = 2;
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<MigrateOnStart>();
        return services;
    }
}
