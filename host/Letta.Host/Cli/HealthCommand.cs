using System.CommandLine;
using System.Text.Json;

namespace Letta.Host.Cli;

/// <summary><c>letta health</c>: the running server's aggregated health; exit code 0 when Healthy or Degraded.</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var command = new Command("health", "Show the running server's health (exit code 1 when Unhealthy or unreachable).");
        command.SetAction(async (parse, ct) =>
        {
            using HttpClient client = ServerClient.Create(TimeSpan.FromSeconds(30));
            try
            {
                using HttpResponseMessage response = await client.GetAsync("health", ct).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                using JsonDocument document = JsonDocument.Parse(body);
                string status = document.RootElement.GetProperty("status").GetString() ?? "Unknown";
                Console.WriteLine($"Letta at {client.BaseAddress}: {status}");
                foreach (JsonProperty plugin in document.RootElement.GetProperty("plugins").EnumerateObject())
                {
                    string? description = plugin.Value.GetProperty("description").GetString();
                    Console.WriteLine($"  {plugin.Name,-20} {plugin.Value.GetProperty("status").GetString(),-21} {description}");
                }

                return status == "Unhealthy" ? 1 : 0;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync(ServerClient.Unreachable(client, ex)).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
