using Letta.Host.Cli;

return await LettaCommandLine.RunAsync(args).ConfigureAwait(false);
