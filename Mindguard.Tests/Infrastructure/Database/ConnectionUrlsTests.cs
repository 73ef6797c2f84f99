using Mindguard.Infrastructure.Database;

namespace Mindguard.Tests.Infrastructure.Database;

public sealed class ConnectionUrlsTests
{
    [Fact]
    public void Railway_postgres_url_becomes_an_npgsql_connection_string()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql("postgresql://postgres:secret@containers.railway.app:6543/railway"));

        cs.Host.ShouldBe("containers.railway.app");
        cs.Port.ShouldBe(6543);
        cs.Username.ShouldBe("postgres");
        cs.Password.ShouldBe("secret");
        cs.Database.ShouldBe("railway");
    }

    [Fact]
    public void Postgres_url_without_a_port_uses_5432()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql("postgres://app:pw@db.internal/mindguard"));

        cs.Port.ShouldBe(5432);
        cs.Database.ShouldBe("mindguard");
    }

    [Fact]
    public void Url_encoded_password_is_decoded()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql("postgres://app:p%40ss%3Aw%2Fo%25rd@localhost:5432/db"));

        cs.Password.ShouldBe("p@ss:w/o%rd");
    }

    [Fact]
    public void Query_parameters_map_to_npgsql_settings()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql("postgres://u:p@h:5432/db?sslmode=require&application_name=mindguard&connect_timeout=7"));

        cs.SslMode.ShouldBe(SslMode.Require);
        cs.ApplicationName.ShouldBe("mindguard");
        cs.Timeout.ShouldBe(7);
    }

    [Fact]
    public void Unknown_query_parameter_is_a_readable_error()
    {
        var error = Should.Throw<FormatException>(() => ConnectionUrls.ToNpgsql("postgres://u:p@h/db?flux=capacitor"));

        error.Message.ShouldContain("flux");
    }

    [Fact]
    public void Url_without_a_database_is_an_error()
    {
        Should.Throw<FormatException>(() => ConnectionUrls.ToNpgsql("postgres://u:p@h:5432/"));
    }

    [Fact]
    public void Npgsql_connection_string_passes_through()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql("Host=/var/run/postgresql;Database=mindguard"));

        cs.Host.ShouldBe("/var/run/postgresql");
        cs.Database.ShouldBe("mindguard");
    }

    [Fact]
    public void Redis_url_with_password_port_and_database()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(ConnectionUrls.ToRedis("redis://default:s%3Acret@redis.railway.internal:6380/2"));

        options.EndPoints.Single().ToString().ShouldBe("Unspecified/redis.railway.internal:6380");
        options.Password.ShouldBe("s:cret");
        options.DefaultDatabase.ShouldBe(2);
        options.Ssl.ShouldBeFalse();
    }

    [Fact]
    public void Redis_url_without_port_uses_6379_and_rediss_turns_on_tls()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(ConnectionUrls.ToRedis("rediss://:pw@cache.example"));

        options.EndPoints.Single().ToString().ShouldEndWith(":6379");
        options.Ssl.ShouldBeTrue();
        options.Password.ShouldBe("pw");
    }

    [Fact]
    public void Redis_configuration_string_passes_through()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(ConnectionUrls.ToRedis("localhost:6390,password=x"));

        options.EndPoints.Single().ToString().ShouldEndWith(":6390");
        options.Password.ShouldBe("x");
    }

    [Fact]
    public void Redis_url_with_a_non_numeric_database_is_an_error()
    {
        Should.Throw<FormatException>(() => ConnectionUrls.ToRedis("redis://localhost:6379/cache"));
    }
}
