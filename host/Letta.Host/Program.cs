using Letta.Host.Cli;
using Letta.Host.Hosting;

// `letta` and `letta serve` run the server that LettaServer.Build composes (home, configuration, logging, AI, hub,
// plugins, HTTP: one line each); every other verb is a client of a running server, declared in LettaCommandLine.
return await LettaCommandLine.RunAsync(args, LettaServer.Build).ConfigureAwait(false);
