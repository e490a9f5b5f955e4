using System.Diagnostics;
using Letta.Plugins.Memory.Options;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary><c>--parse-probe</c>: the per-line CPU cost of the import's parse and validation, in process.</summary>
internal static class ParseProbe
{
    public static void Run(int count)
    {
        var generator = new CorpusGenerator();
        var lines = Enumerable.Range(0, count).Select(_ => generator.NextLine()).ToArray();
        var validator = new MemoryInputValidator(Microsoft.Extensions.Options.Options.Create(new MemoryOptions()));
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            foreach (var line in lines)
            {
                using var doc = MemoryJsonReader.Parse(line, "json");
                var input = MemoryJsonReader.Read(doc.RootElement, importFields: true);
                _ = validator.ValidateDraft(input);
            }

            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"round {round}: {count:N0} lines in {clock.Elapsed.TotalMilliseconds:F0} ms wall, {used.TotalMilliseconds:F0} ms CPU = {used.TotalMilliseconds * 1000 / count:F1} µs/line, {bytes / count:N0} bytes allocated/line");
        }
    }
}
