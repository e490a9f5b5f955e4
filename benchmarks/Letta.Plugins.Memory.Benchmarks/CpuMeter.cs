using System.Globalization;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>
/// CPU seconds used by processes, from /proc (Linux): a process's user+system time, optionally with its reaped
/// children and its live children (for the PostgreSQL postmaster and its backends). On a shared machine, CPU time
/// is the fair measure of cost; wall time depends on what else runs.
/// </summary>
internal static class CpuMeter
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static double ProcessSeconds(int pid) => Read(pid) is { } s ? (s.UTime + s.STime) / TicksPerSecond : 0;

    /// <summary>The postmaster's own time, its exited backends' time and its live backends' time.</summary>
    public static double ProcessTreeSeconds(int pid)
    {
        if (Read(pid) is not { } root)
        {
            return 0;
        }

        double ticks = root.UTime + root.STime + root.CUTime + root.CSTime;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && Read(child) is { } s && s.PPid == pid)
            {
                ticks += s.UTime + s.STime;
            }
        }

        return ticks / TicksPerSecond;
    }

    private static Stat? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state=0, ppid=1, …, utime=11, stime=12, cutime=13, cstime=14.
            return new Stat(
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture),
                long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private readonly record struct Stat(int PPid, long UTime, long STime, long CUTime, long CSTime);
}
