using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>The names of everything the server area generates, in one place so emitters agree.</summary>
    internal static class ServerNames
    {
        public static string Namespace(string contractNamespace) => contractNamespace + ".Server";

        public static string Interface(OpenApiModel model) => "I" + model.ServerName + "Server";

        public static string Routes(OpenApiModel model) => model.ServerName + "Routes";

        public static string Operations(OpenApiModel model) => model.ServerName + "Operations";

        // "Operation" keeps the request apart from schema types such as create_run_request → CreateRunRequest.
        public static string Request(OperationSpec operation) => operation.Name + "OperationRequest";

        public static string Result(OperationSpec operation) => operation.Name + "Result";

        public static string Method(OperationSpec operation) => operation.Name + "Async";

        public static string Qualified(string ns, string name) => "global::" + ns + "." + name;
    }
}
