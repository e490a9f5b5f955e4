using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.NativeSqlite;

/// <summary>GET version runs <c>select sqlite_version()</c> on an in-memory database, loading native e_sqlite3.</summary>
public sealed class NativeSqlitePlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("version", async (CancellationToken ct) =>
        {
            await using var connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync(ct);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "select sqlite_version()";
            var version = (string?)await command.ExecuteScalarAsync(ct);
            return Results.Text(version ?? "");
        });
}
