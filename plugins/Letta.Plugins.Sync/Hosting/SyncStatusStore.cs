using Letta.Plugins.Shared;
using System.Collections.Concurrent;
using System.Text.Json;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>Last-run status per category, kept in memory and in <c>status.json</c> so it survives restarts.</summary>
internal sealed class SyncStatusStore
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly ConcurrentDictionary<string, CategoryStatus> _status = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly Lock _gate = new();

    public SyncStatusStore(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "status.json");
        try
        {
            if (File.Exists(_path))
            {
                foreach (CategoryStatus s in JsonSerializer.Deserialize<List<CategoryStatus>>(File.ReadAllBytes(_path), s_json) ?? [])
                {
                    _status[s.Category] = s;
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // A damaged status file only loses the history shown by `letta sync status`.
        }
    }

    public CategoryStatus? Get(string category) => _status.GetValueOrDefault(category);

    public IReadOnlyCollection<CategoryStatus> All => _status.Values.ToList();

    public void Set(CategoryStatus status)
    {
        _status[status.Category] = status;
        lock (_gate)
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(_path)!);
            PrivateFiles.WriteAllBytes(_path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(_status.Values.OrderBy(s => s.Category).ToList(), s_json));
            File.Move(_path + ".tmp", _path, overwrite: true);
        }
    }
}
