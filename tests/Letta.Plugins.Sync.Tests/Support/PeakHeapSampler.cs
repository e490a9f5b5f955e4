namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// Samples the managed heap size every few milliseconds on a background thread and keeps the peak, as growth over the
/// heap after a full collection at the start: what earlier tests in the process left behind is not counted.
/// </summary>
internal sealed class PeakHeapSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly long _baseline;
    private volatile bool _stop;
    private long _peak;

    public PeakHeapSampler()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling and returns how far the heap grew at its largest over the start, in bytes.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return Interlocked.Read(ref _peak) - _baseline;
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
