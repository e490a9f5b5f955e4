using System.Data.Common;

namespace Letta.Plugins.Memory.Storage;

/// <summary>An open connection with a write transaction; disposing rolls back unless committed, then releases.</summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction transaction, IDisposable? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DbCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            release?.Dispose();
        }
    }
}
