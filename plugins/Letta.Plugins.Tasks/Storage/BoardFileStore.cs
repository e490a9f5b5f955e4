using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>
/// Reads and atomically writes the board files. A write goes to <c>&lt;name&gt;.&lt;random&gt;.tmp</c> in the
/// same folder (cloud clients never upload <c>*.tmp</c>), is flushed to disk, then renamed over the target,
/// so the target always holds either the old or the new complete file — even after SIGKILL or power loss.
/// </summary>
internal static class BoardFileStore
{
    public const string TempSuffix = ".tmp";

    public static ReadResult<BoardDocument> ReadBoard(string path)
        => Read(path, TasksJsonContext.Default.BoardDocument, d => Check(d.SchemaVersion, d.Tasks, d.Tombstones));

    public static ReadResult<ArchiveDocument> ReadArchive(string path)
        => Read(path, TasksJsonContext.Default.ArchiveDocument, d => Check(d.SchemaVersion, d.Tasks, []));

    public static FileSignature Write<T>(string path, T document, JsonTypeInfo<T> typeInfo)
    {
        string tmp = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                JsonSerializer.Serialize(stream, document, typeInfo);
                stream.Flush(flushToDisk: true);
            }

            // One rename(2) on Unix, MoveFileEx(REPLACE_EXISTING) on Windows.
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }

        return FileSignature.Of(path);
    }

    /// <summary>Removes temp files a killed writer left behind. Call only while holding the writer lock.</summary>
    public static void DeleteStaleTemps(string folder, string fileName)
    {
        foreach (string tmp in Directory.EnumerateFiles(folder, fileName + ".*" + TempSuffix))
        {
            TryDelete(tmp);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static ReadResult<T> Read<T>(string path, JsonTypeInfo<T> typeInfo, Func<T, string?> check)
        where T : class
    {
        // Signature first: a file replaced between stat and read is then merely read again next time.
        FileSignature sig = FileSignature.Of(path);
        if (!sig.Exists)
        {
            return new ReadResult<T>(sig, null, null);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return new ReadResult<T>(FileSignature.None, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ReadResult<T>(sig, null, new BoardFileError(path, null, null, "cannot be read: " + ex.Message));
        }

        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        try
        {
            T? doc = JsonSerializer.Deserialize(span, typeInfo);
            if (doc is null)
            {
                return new ReadResult<T>(sig, null, new BoardFileError(path, 1, 0, "the file holds JSON null, not a board"));
            }

            string? problem = check(doc);
            return problem is null
                ? new ReadResult<T>(sig, doc, null)
                : new ReadResult<T>(sig, null, new BoardFileError(path, null, null, problem));
        }
        catch (JsonException ex)
        {
            long? line = ex.LineNumber is { } l ? l + 1 : null;
            return new ReadResult<T>(sig, null, new BoardFileError(path, line, ex.BytePositionInLine, ex.Message));
        }
    }

    private static string? Check(int schemaVersion, List<TaskItem>? tasks, List<Tombstone>? tombstones)
    {
        if (schemaVersion != BoardDocument.CurrentSchemaVersion)
        {
            return $"unknown schemaVersion {schemaVersion} (this plugin reads {BoardDocument.CurrentSchemaVersion}); it is left untouched";
        }

        if (tasks is null || tombstones is null)
        {
            return "tasks and tombstones must be arrays";
        }

        for (int i = 0; i < tasks.Count; i++)
        {
            TaskItem? t = tasks[i];
            if (t is null || string.IsNullOrWhiteSpace(t.Id) || t.Title is null || t.Rank is null || t.Tags is null || t.ExternalRefs is null)
            {
                return $"tasks[{i}] lacks an id, title, rank, tags or externalRefs";
            }
        }

        for (int i = 0; i < tombstones.Count; i++)
        {
            if (tombstones[i] is null || string.IsNullOrWhiteSpace(tombstones[i].Id))
            {
                return $"tombstones[{i}] lacks an id";
            }
        }

        return null;
    }
}
