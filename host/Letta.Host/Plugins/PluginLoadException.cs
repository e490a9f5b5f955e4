namespace Letta.Host.Plugins;

/// <summary>A plugin could not be loaded or composed; the message is the reason shown to the user.</summary>
internal sealed class PluginLoadException : Exception
{
    public PluginLoadException(string message)
        : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
