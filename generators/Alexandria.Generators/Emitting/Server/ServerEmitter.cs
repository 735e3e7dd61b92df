using System.Collections.Generic;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>
    /// Emits the server side of an OpenAPI document in <c>{namespace}.Server</c>: the interface a host
    /// implements, one file per operation with its request record and closed result type, the route
    /// constants and the operations table hosts map endpoints from.
    /// </summary>
    internal static class ServerEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(OpenApiModel model)
        {
            if (model.Operations.Count == 0)
            {
                yield break;
            }

            var ns = ServerNames.Namespace(model.Namespace);
            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "Server." + ServerNames.Interface(model)),
                ServerInterfaceEmitter.Emit(model, ns));

            foreach (var operation in model.Operations)
            {
                yield return new GeneratedSource(
                    CSharpNaming.HintName(model.FileName, "Server." + operation.Name),
                    OperationTypesEmitter.Emit(model.FileName, ns, operation));
            }

            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "Server." + ServerNames.Routes(model)),
                RoutesEmitter.Emit(model, ns));
            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "Server." + ServerNames.Operations(model)),
                OperationsTableEmitter.Emit(model, ns));
        }
    }
}
