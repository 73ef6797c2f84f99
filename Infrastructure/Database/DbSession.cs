namespace Mindguard.Infrastructure.Database;

/// <summary>
/// A connection with an open transaction whose RLS context is set. The settings are
/// transaction-local, so a pooled connection never carries one person's context into the next use.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private static readonly string SetContextSql = Sql.Load<DbSession>("SetRlsContext");

    private DbSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    public static async Task<DbSession> OpenAsync(NpgsqlDataSource dataSource, Actor actor, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(SetContextSql, new
            {
                userId = actor.UserId?.ToString() ?? "",
                orgId = actor.OrganisationId?.ToString() ?? "",
                role = actor.Role,
            }, transaction, cancellationToken: ct));
            return new DbSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

public static class DbSessionExtensions
{
    public static Task<DbSession> OpenSessionAsync(this NpgsqlDataSource dataSource, Actor actor, CancellationToken ct) =>
        DbSession.OpenAsync(dataSource, actor, ct);
}
