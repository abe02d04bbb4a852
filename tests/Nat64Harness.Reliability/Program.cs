using Nat64Harness.Reliability;

// One verb per process the reliability tests and scripts need; each prints what the caller reads back.
return args.FirstOrDefault() switch
{
    "claim-block" => await ClaimBlockCommand.RunAsync(args[1..]).ConfigureAwait(false),
    "build-image" => await BuildImageCommand.RunAsync(args[1..]).ConfigureAwait(false),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: nat64h-reliability <verb> ...
          claim-block <lease-folder> <start-block> [--no-lease]   claim a block, print "claimed N", hold it until stdin closes
          build-image <containers-folder> <lock-folder> <name>     build containers/<name> once per tag, print "built" or "reused"
        """);
    return 64;
}
