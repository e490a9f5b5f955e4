using System.Text.RegularExpressions;

namespace Letta.Plugins.Memory.Model;

/// <summary>Memory ids: new ones are time-ordered GUID v7 in 32 hex digits; imported ones keep theirs if well-formed.</summary>
internal static partial class MemoryIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsValid(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")]
    private static partial Regex IdPattern();
}
