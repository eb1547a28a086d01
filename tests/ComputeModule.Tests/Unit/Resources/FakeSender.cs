using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Errors;
using ComputeModule.Http;

namespace ComputeModule.Tests.Unit.Resources
{
    /// <summary>An <see cref="ApiSender"/> that answers from a function and records every request.</summary>
    internal sealed class FakeSender
    {
        public static readonly Uri Endpoint = new Uri("http://nova.test:8774/v2.1/1234/");

        private readonly Func<ApiRequest, ApiResponse> _answer;

        public FakeSender(Func<ApiRequest, ApiResponse> answer) => _answer = answer;

        public List<ApiRequest> Requests { get; } = new List<ApiRequest>();

        public ApiSender Send => (request, ct) =>
        {
            Requests.Add(request);
            return Task.FromResult(_answer(request));
        };

        /// <summary>The JSON the core would send for the request's body.</summary>
        public static string BodyJson(ApiRequest request) => JsonSerializer.Serialize(request.Body, request.Body!.GetType(), ComputeJson.Options);

        public static ApiResponse Json(string json, HttpStatusCode status = HttpStatusCode.OK, string? path = null)
            => new ApiResponse(status, new HttpResponseMessage().Headers, Encoding.UTF8.GetBytes(json), path == null ? null : new Uri(Endpoint, path));

        public static ApiResponse Empty(HttpStatusCode status, Uri? location = null)
        {
            var headers = new HttpResponseMessage().Headers;
            if (location != null) headers.Location = location;
            return new ApiResponse(status, headers, null, Endpoint);
        }

        public static ComputeNotFoundException NotFound(string path, string message)
            => new ComputeNotFoundException(message + " (HTTP 404 itemNotFound)", "itemNotFound", message, "req-1", new Uri(Endpoint, path));
    }
}
