using System.CommandLine;
using System.Text.Json;

namespace Letta.Host.Cli;

/// <summary><c>letta plugins</c>: lists every plugin folder of the running server with its state and reason.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the server's JSON instead of a table." };
        var command = new Command("plugins", "List the running server's plugins with their state, health and reason.") { json };
        command.SetAction(async (parse, ct) =>
        {
            using HttpClient client = ServerClient.Create(TimeSpan.FromSeconds(30));
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync("api/plugins", ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync(ServerClient.Unreachable(client, ex)).ConfigureAwait(false);
                return 1;
            }

            using (response)
            {
                if (parse.GetValue(json) || !response.IsSuccessStatusCode)
                {
                    return await ResponsePrinter.PrintAsync(response, ct).ConfigureAwait(false);
                }

                JsonElement list = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
                PrintTable(list);
                return 0;
            }
        });
        return command;
    }

    private static void PrintTable(JsonElement list)
    {
        Console.WriteLine($"Plugins folder: {list.GetProperty("pluginsDirectory").GetString()}");
        Console.WriteLine($"{"ID",-20} {"VERSION",-10} {"STATE",-21} {"HEALTH",-10} REASON");
        foreach (JsonElement plugin in list.GetProperty("plugins").EnumerateArray())
        {
            string health = plugin.GetProperty("health").GetProperty("status").GetString() ?? string.Empty;
            string reason = plugin.GetProperty("reason").GetString() ?? plugin.GetProperty("health").GetProperty("description").GetString() ?? string.Empty;
            Console.WriteLine($"{plugin.GetProperty("id").GetString(),-20} {plugin.GetProperty("version").GetString() ?? "-",-10} {plugin.GetProperty("state").GetString(),-21} {health,-10} {reason}");
        }
    }
}
