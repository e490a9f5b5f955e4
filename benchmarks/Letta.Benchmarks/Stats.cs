namespace Letta.Benchmarks;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        double[] sorted = [.. values.Order()];
        int index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
