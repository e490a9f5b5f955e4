namespace Letta.Host.Configuration;

/// <summary>plugins.json cannot be used; the message names the file, the line and the problem.</summary>
internal sealed class PluginsFileException : Exception
{
    public PluginsFileException(string message)
        : base(message)
    {
    }

    public PluginsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
