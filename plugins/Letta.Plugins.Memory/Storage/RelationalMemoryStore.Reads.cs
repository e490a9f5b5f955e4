using System.Runtime.CompilerServices;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Storage;

/// <summary>Reads: single rows, keyset pages, the export stream, and the embedded migrations.</summary>
internal abstract partial class RelationalMemoryStore
{
    public async Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM memories m WHERE m.id = @id";
        Add(cmd, "@id", id);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadRecord(r) : null;
    }

    public async Task<ListPage> ListAsync(MemoryFilter filter, ListCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken, filter);
        await using var cmd = conn.CreateCommand();
        var where = RenderFilter(filter, cmd);
        if (after is not null)
        {
            where += " AND (m.created_at, m.id) < (@after_at, @after_id)";
            AddTime(cmd, "@after_at", after.CreatedAt);
            Add(cmd, "@after_id", after.Id);
        }

        cmd.CommandText = $"SELECT {Columns} FROM memories m WHERE TRUE{where} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit";
        Add(cmd, "@limit", limit + 1);
        var items = new List<MemoryRecord>(Math.Min(limit + 1, 1024));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(ReadRecord(r));
        }

        if (items.Count <= limit)
        {
            return new ListPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        return new ListPage(items, new ListCursor(last.CreatedAt, last.Id));
    }

    public async IAsyncEnumerable<MemoryRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM memories m ORDER BY m.created_at, m.id";
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            yield return ReadRecord(r);
        }
    }

    private static List<(int Version, string Sql)> LoadMigrations(string folder)
    {
        var assembly = typeof(RelationalMemoryStore).Assembly;
        var prefix = $"migrations/{folder}/";
        var list = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[prefix.Length..];
            var version = int.Parse(file.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add((version, reader.ReadToEnd()));
        }

        return list;
    }
}
