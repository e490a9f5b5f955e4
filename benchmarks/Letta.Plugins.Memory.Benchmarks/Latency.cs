using System.Diagnostics;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>p50/p95 of sequential runs after a warm-up.</summary>
internal readonly record struct Latency(double P50Ms, double P95Ms)
{
    /// <summary>
    /// Times two ways of running the same query, interleaved (alternating which goes first), so both see the same
    /// machine load — the benchmark machine may be shared.
    /// </summary>
    public static async Task<(Latency A, Latency B)> MeasurePairAsync(Func<Task> a, Func<Task> b, int iterations, int warmup = 20)
    {
        for (var i = 0; i < warmup; i++)
        {
            await a();
            await b();
        }

        var samplesA = new double[iterations];
        var samplesB = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            if (i % 2 == 0)
            {
                samplesA[i] = await TimeAsync(a);
                samplesB[i] = await TimeAsync(b);
            }
            else
            {
                samplesB[i] = await TimeAsync(b);
                samplesA[i] = await TimeAsync(a);
            }
        }

        return (Summarise(samplesA), Summarise(samplesB));
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static Latency Summarise(double[] samples)
    {
        Array.Sort(samples);
        return new Latency(Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
