using Letta.Plugins.Shared;
using System.Text.Json;

namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>
/// A per-category lock file (<c>locks/&lt;category&gt;.lock</c> in the state directory) holding PID, host and expiry.
/// Renewed while a run lasts; a stale lock (expired) is taken over, so a killed run never blocks forever.
/// </summary>
internal sealed class CategoryLock : IDisposable
{
    private readonly string _path;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private DateTimeOffset _renewAfter;

    private CategoryLock(string path, TimeSpan ttl, TimeProvider clock)
    {
        _path = path;
        _ttl = ttl;
        _clock = clock;
    }

    public static string PathFor(string stateDirectory, string category) => Path.Combine(stateDirectory, "locks", category + ".lock");

    /// <summary>Takes the lock or throws <see cref="SyncAbortedException"/> when a live run holds it.</summary>
    public static CategoryLock Acquire(string stateDirectory, string category, TimeSpan ttl, TimeProvider clock)
    {
        string path = PathFor(stateDirectory, category);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var @lock = new CategoryLock(path, ttl, clock);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None));
                @lock.WriteInfo(stream);
                return @lock;
            }
            catch (IOException) when (File.Exists(path))
            {
                CategoryLockInfo? holder = TryRead(path);
                if (holder is not null && holder.ExpiresAt > clock.GetUtcNow() && !HolderIsGone(holder))
                {
                    throw new SyncAbortedException(SyncGate.Lock,
                        $"Category '{category}' is being synced by process {holder.Pid} on {holder.Host} (lock expires {holder.ExpiresAt:u}).");
                }

                // Stale (expired or unreadable): take it over.
                File.Delete(path);
            }
        }

        throw new SyncAbortedException(SyncGate.Lock, $"Could not take the lock for category '{category}'.");
    }

    /// <summary>Pushes the expiry forward; cheap to call often (writes at most every ttl/4).</summary>
    public void Renew()
    {
        if (_clock.GetUtcNow() < _renewAfter)
        {
            return;
        }

        using var stream = new FileStream(_path, PrivateFiles.Options(FileMode.Create, FileAccess.Write, FileShare.None));
        WriteInfo(stream);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    private void WriteInfo(Stream stream)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        _renewAfter = now + (_ttl / 4);
        JsonSerializer.Serialize(stream, new CategoryLockInfo(Environment.ProcessId, Environment.MachineName, now + _ttl), SyncJsonContext.Default.CategoryLockInfo);
    }

    /// <summary>A lock taken on this host by a process that no longer exists (killed) is stale at once.</summary>
    private static bool HolderIsGone(CategoryLockInfo holder)
    {
        if (holder.Host != Environment.MachineName || holder.Pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(holder.Pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static CategoryLockInfo? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), SyncJsonContext.Default.CategoryLockInfo);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
