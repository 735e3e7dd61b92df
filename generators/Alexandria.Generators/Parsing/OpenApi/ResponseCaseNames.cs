using System.Collections.Generic;
using System.Globalization;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>Names result cases after their status, as HTTP names them: 200 is <c>Ok</c>, 404 is <c>NotFound</c>.</summary>
    internal static class ResponseCaseNames
    {
        private static readonly Dictionary<int, string> Reasons = new Dictionary<int, string>
        {
            [100] = "Continue", [101] = "SwitchingProtocols",
            [200] = "Ok", [201] = "Created", [202] = "Accepted", [203] = "NonAuthoritativeInformation", [204] = "NoContent",
            [205] = "ResetContent", [206] = "PartialContent", [207] = "MultiStatus",
            [300] = "MultipleChoices", [301] = "MovedPermanently", [302] = "Found", [303] = "SeeOther", [304] = "NotModified",
            [307] = "TemporaryRedirect", [308] = "PermanentRedirect",
            [400] = "BadRequest", [401] = "Unauthorized", [402] = "PaymentRequired", [403] = "Forbidden", [404] = "NotFound",
            [405] = "MethodNotAllowed", [406] = "NotAcceptable", [408] = "RequestTimeout", [409] = "Conflict", [410] = "Gone",
            [411] = "LengthRequired", [412] = "PreconditionFailed", [413] = "ContentTooLarge", [414] = "UriTooLong",
            [415] = "UnsupportedMediaType", [416] = "RangeNotSatisfiable", [417] = "ExpectationFailed", [421] = "MisdirectedRequest",
            [422] = "UnprocessableEntity", [423] = "Locked", [424] = "FailedDependency", [425] = "TooEarly", [426] = "UpgradeRequired",
            [428] = "PreconditionRequired", [429] = "TooManyRequests", [431] = "RequestHeaderFieldsTooLarge",
            [451] = "UnavailableForLegalReasons",
            [500] = "InternalServerError", [501] = "NotImplemented", [502] = "BadGateway", [503] = "ServiceUnavailable",
            [504] = "GatewayTimeout", [505] = "HttpVersionNotSupported",
        };

        private static readonly string[] Ranges = { "", "Informational", "Success", "Redirection", "ClientError", "ServerError" };

        /// <summary>Reads a responses key; false when it is neither 100–599, <c>1XX</c>–<c>5XX</c> nor <c>default</c>.</summary>
        public static bool TryName(string key, out string caseName, out int? fixedStatus)
        {
            fixedStatus = null;
            caseName = "";
            if (key == "default")
            {
                caseName = "Default";
                return true;
            }

            if (key.Length == 3 && key[0] >= '1' && key[0] <= '5' && (key.Substring(1) == "XX" || key.Substring(1) == "xx"))
            {
                caseName = Ranges[key[0] - '0'];
                return true;
            }

            if (key.Length != 3 || !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 100 || status > 599)
            {
                return false;
            }

            fixedStatus = status;
            caseName = Reasons.TryGetValue(status, out var reason) ? reason : "Status" + key;
            return true;
        }
    }
}
