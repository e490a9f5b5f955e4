namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>Samples the managed heap size every few milliseconds on a background thread and keeps the peak.</summary>
internal sealed class PeakHeapSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public PeakHeapSampler()
    {
        _peak = GC.GetTotalMemory(forceFullCollection: false);
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling and returns the largest heap size seen, in bytes.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return Interlocked.Read(ref _peak);
    }

    public void Dispose()
    {
        if (!_stop)
        {
            Stop();
        }
    }

    private void Sample()
    {
        while (!_stop)
        {
            long now = GC.GetTotalMemory(forceFullCollection: false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(5);
        }
    }
}
