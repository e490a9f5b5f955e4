namespace Letta.Plugins.Memory.Model;

/// <summary>The kinds of change the history records.</summary>
internal static class HistoryEvents
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string Import = "import";
}
