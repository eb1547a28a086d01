using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace ComputeModule.Http
{
    /// <summary>Per-request facts the handlers need, carried in HttpRequestMessage.Properties (netstandard2.0 has no Options).</summary>
    internal static class RequestOptions
    {
        private const string IdempotentKey = "ComputeModule.Idempotent";
        private const string PageKey = "ComputeModule.Page";
        private const string AttemptKey = "ComputeModule.Attempt";

        public static void SetIdempotent(HttpRequestMessage request, bool value) => request.Properties[IdempotentKey] = value;

        public static bool IsIdempotent(HttpRequestMessage request)
            => request.Properties.TryGetValue(IdempotentKey, out var v) && v is bool b ? b : ApiRequest.IsIdempotentMethod(request.Method);

        public static void SetPage(HttpRequestMessage request, int? page)
        {
            if (page.HasValue) request.Properties[PageKey] = page.Value;
        }

        public static int? GetPage(HttpRequestMessage request)
            => request.Properties.TryGetValue(PageKey, out var v) && v is int i ? i : (int?)null;

        public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[AttemptKey] = attempt;

        public static int GetAttempt(HttpRequestMessage request)
            => request.Properties.TryGetValue(AttemptKey, out var v) && v is int i ? i : 1;

        /// <summary>A fresh copy to send again (a sent HttpRequestMessage cannot be sent twice). The body is copied as bytes.</summary>
        public static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            foreach (var property in request.Properties) clone.Properties[property.Key] = property.Value;
            if (request.Content != null)
            {
                var bytes = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var content = new ByteArrayContent(bytes);
                foreach (var header in request.Content.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                clone.Content = content;
            }
            return clone;
        }

        /// <summary>Replaces a header's value.</summary>
        public static void SetHeader(HttpRequestHeaders headers, string name, string value)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
