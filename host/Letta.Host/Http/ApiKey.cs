using System.Text;

namespace Letta.Host.Http;

/// <summary>The server's API key; never logged.</summary>
internal sealed class ApiKey(string value)
{
    public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(value);

    public override string ToString() => "***";
}
