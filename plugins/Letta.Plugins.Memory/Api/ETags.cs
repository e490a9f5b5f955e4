using System.Globalization;
using Letta.Plugins.Memory.Service;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Memory.Api;

/// <summary>The memory version as an entity tag: <c>"3"</c>. <c>If-Match</c> takes it back (<c>*</c> means any version).</summary>
internal static class ETags
{
    public static string Format(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static long? ReadIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        value = value.Trim('"');
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw new MemoryValidationException("If-Match", "If-Match must be the memory's ETag, e.g. \"3\".");
    }
}
