using System.Net.Http.Headers;
using Letta.Host.Hosting;

namespace Letta.Host.Cli;

/// <summary>An HTTP client for a running server, with its URL and key read from <c>$LETTA_HOME</c>.</summary>
internal static class ServerClient
{
    public static HttpClient Create(TimeSpan? timeout = null)
    {
        var home = LettaHome.Resolve();
        string url = Environment.GetEnvironmentVariable("LETTA_URL")
                     ?? ServerInfoFile.TryRead(home)?.Url
                     ?? "http://127.0.0.1:8284";
        var client = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = timeout ?? TimeSpan.FromMinutes(30) };
        string? key = Environment.GetEnvironmentVariable("LETTA_API_KEY") ?? ApiKeyStore.TryRead(home);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static string Unreachable(HttpClient client, Exception ex) =>
        $"letta: no server answers at {client.BaseAddress} ({ex.Message}). Start it with 'letta serve' (it writes $LETTA_HOME/server.json).";
}
