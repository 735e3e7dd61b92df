using System;
using System.IO;
using Alexandria.Client.ContractView;

// alexandria-contract-view <openapi.json> <output.json>: see ContractView for what the view is and why.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Alexandria.Client.ContractView <openapi.json> <output.json>");
    return 2;
}

try
{
    var view = ContractView.Create(args[0]);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    File.WriteAllText(args[1], view);
    return 0;
}
catch (ContractViewException error)
{
    // MSBuild's canonical error format (no code: this is not a generator diagnostic), so the build names
    // the contract file and the pointer.
    Console.Error.WriteLine($"{error.File}: error : {error.Message}");
    return 1;
}
