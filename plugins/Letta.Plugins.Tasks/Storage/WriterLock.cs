namespace Letta.Plugins.Tasks.Storage;

/// <summary>
/// Serialises writers: a semaphore within the process and an exclusive lock on a lock file between processes
/// of one machine (flock on Unix, a share-none handle on Windows; the OS drops it if the process dies, so a
/// killed host never leaves the board locked). Devices are not serialised — that is what the merge is for.
/// </summary>
internal sealed class WriterLock(string lockPath, TimeSpan timeout) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string LockPath => lockPath;

    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        if (!await _gate.WaitAsync(timeout, cancellationToken))
        {
            throw new BoardBusyException($"another write on this host held the task board for more than {timeout.TotalSeconds:0.#} s");
        }

        try
        {
            while (true)
            {
                try
                {
                    var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new Releaser(this, handle);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(Random.Shared.Next(1, 6), cancellationToken);
                }
                catch (IOException ex)
                {
                    throw new BoardBusyException($"another process held {lockPath} for more than {timeout.TotalSeconds:0.#} s: {ex.Message}");
                }
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(WriterLock owner, FileStream handle) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                handle.Dispose();
                owner._gate.Release();
            }
        }
    }
}
