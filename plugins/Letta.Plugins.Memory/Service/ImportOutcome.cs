using System.Text.Json;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Service;

/// <summary>The running result of an import.</summary>
internal sealed class ImportOutcome
{
    private readonly Lock _lock = new();
    private readonly List<ImportFailure> _failed = [];

    public long Imported { get; private set; }

    public long FailedCount { get; private set; }

    /// <summary>The reported failures, sorted by line (batches may finish out of order).</summary>
    public IReadOnlyList<ImportFailure> Failed
    {
        get
        {
            lock (_lock)
            {
                return [.. _failed.OrderBy(f => f.Line)];
            }
        }
    }

    public bool FailuresTruncated => FailedCount > _failed.Count;

    public void AddImported(long count)
    {
        lock (_lock)
        {
            Imported += count;
        }
    }

    public void Fail(long line, string field, string error)
    {
        lock (_lock)
        {
            FailedCount++;
            if (_failed.Count < MemoryImporter.MaxReportedFailures)
            {
                _failed.Add(new ImportFailure(line, field, error));
            }
        }
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("imported", Imported);
        writer.WriteNumber("failedCount", FailedCount);
        writer.WriteBoolean("failuresTruncated", FailuresTruncated);
        writer.WriteStartArray("failed");
        foreach (var f in Failed)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", f.Line);
            writer.WriteString("field", f.Field);
            writer.WriteString("error", f.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
