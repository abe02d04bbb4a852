using Nat64Harness.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
