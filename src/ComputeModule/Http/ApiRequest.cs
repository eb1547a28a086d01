using System;
using System.Net.Http;

namespace ComputeModule.Http
{
    /// <summary>One call to the compute API, described independently of HttpClient.</summary>
    internal sealed class ApiRequest
    {
        /// <summary>Creates a request; <paramref name="path"/> is relative to the compute endpoint ("servers/detail?limit=5") or an absolute URL (a next link).</summary>
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The HTTP method.</summary>
        public HttpMethod Method { get; }

        /// <summary>Relative path (with query) or absolute URL.</summary>
        public string Path { get; }

        /// <summary>Serialised with System.Text.Json (<see cref="ComputeJson.Options"/>); null sends no body.</summary>
        public object? Body { get; set; }

        /// <summary>May the core repeat this request after a failure that the server may have processed? Default: GET/HEAD/PUT/DELETE yes, POST no.</summary>
        public bool? Idempotent { get; set; }

        /// <summary>Page number of a paged listing, shown in -Verbose.</summary>
        public int? Page { get; set; }

        /// <summary>Compute microversion ("2.35"); null sends no header, so Nova uses 2.1.</summary>
        public string? MicroVersion { get; set; }

        /// <summary>The effective idempotency.</summary>
        internal bool IsIdempotent => Idempotent ?? IsIdempotentMethod(Method);

        internal static bool IsIdempotentMethod(HttpMethod method)
            => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
               || method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace;

        /// <summary>Resolves <see cref="Path"/> against the endpoint (which ends with '/').</summary>
        internal Uri ResolveUri(Uri computeEndpoint)
        {
            if (Uri.TryCreate(Path, UriKind.Absolute, out var absolute)
                && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                return absolute;
            }
            // "servers" under ".../v2.1/1234/" -> ".../v2.1/1234/servers"; a leading '/' would drop the tenant, so strip it.
            return new Uri(computeEndpoint, Path.TrimStart('/'));
        }

        /// <inheritdoc/>
        public override string ToString() => Method + " " + Path;
    }
}
