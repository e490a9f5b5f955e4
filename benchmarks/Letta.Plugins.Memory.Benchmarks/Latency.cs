using System.Diagnostics;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>p50/p95 of sequential runs after a warm-up.</summary>
internal readonly record struct Latency(double P50Ms, double P95Ms)
{
    public static async Task<Latency> MeasureAsync(Func<Task> run, int iterations, int warmup = 20)
    {
        for (var i = 0; i < warmup; i++)
        {
            await run();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Latency(Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
