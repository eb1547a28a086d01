using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text;
using ComputeModule.Errors;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    public class FaultAndErrorTests
    {
        private static readonly Uri Uri = new Uri("http://nova.test/v2.1/1234/servers/x");

        private static HttpResponseMessage WithHeaders(params (string, string)[] headers)
        {
            var m = new HttpResponseMessage(HttpStatusCode.OK);
            foreach (var (n, v) in headers) m.Headers.TryAddWithoutValidation(n, v);
            return m;
        }

        [Fact]
        public void NovaFaultBecomesNotFoundWithCodeMessageAndRequestId()
        {
            var body = Encoding.UTF8.GetBytes("{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance x could not be found.\"}}");
            var headers = WithHeaders(("x-openstack-request-id", "req-42")).Headers;
            var e = FaultParser.ToException(HttpStatusCode.NotFound, "Not Found", body, headers, Uri, "GET");
            var nf = Assert.IsType<ComputeNotFoundException>(e);
            Assert.Equal("itemNotFound", nf.FaultCode);
            Assert.Equal("Instance x could not be found.", nf.FaultMessage);
            Assert.Equal("req-42", nf.RequestId);
            Assert.Equal(Uri, nf.RequestUri);
            Assert.Equal(HttpStatusCode.NotFound, nf.StatusCode);
            Assert.Contains("Instance x could not be found.", nf.Message);
            Assert.Contains("HTTP 404", nf.Message);
        }

        [Fact]
        public void KeystoneMiddlewareErrorUsesTitleAsCode()
        {
            var body = Encoding.UTF8.GetBytes("{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}");
            var e = FaultParser.ToException(HttpStatusCode.Unauthorized, "Unauthorized", body, null, Uri);
            var u = Assert.IsType<ComputeUnauthorizedException>(e);
            Assert.Equal("Unauthorized", u.FaultCode);
            Assert.Equal("The request you have made requires authentication.", u.FaultMessage);
        }

        [Fact]
        public void NonJsonBodyFallsBackToStatusLine()
        {
            var body = Encoding.UTF8.GetBytes("<html><body>Bad Gateway</body></html>");
            var e = FaultParser.ToException(HttpStatusCode.BadGateway, "Bad Gateway", body, null, Uri, "GET");
            Assert.IsType<ComputeServiceUnavailableException>(e);
            Assert.Null(e.FaultCode);
            Assert.Contains("502", e.Message);
            Assert.Contains(Uri.ToString(), e.Message);
        }

        [Fact]
        public void OverLimitCarriesRetryAfter()
        {
            var body = Encoding.UTF8.GetBytes("{\"overLimit\":{\"code\":413,\"message\":\"This request was rate-limited.\",\"details\":\"Only 10 POST request(s) can be made per minute.\"}}");
            var headers = WithHeaders(("Retry-After", "7")).Headers;
            var e = Assert.IsType<ComputeRateLimitedException>(FaultParser.ToException((HttpStatusCode)413, null, body, headers, Uri));
            Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
            Assert.Equal("overLimit", e.FaultCode);
        }

        [Theory]
        [InlineData(400, typeof(ComputeBadRequestException))]
        [InlineData(401, typeof(ComputeUnauthorizedException))]
        [InlineData(403, typeof(ComputeForbiddenException))]
        [InlineData(404, typeof(ComputeNotFoundException))]
        [InlineData(409, typeof(ComputeConflictException))]
        [InlineData(413, typeof(ComputeRateLimitedException))]
        [InlineData(429, typeof(ComputeRateLimitedException))]
        [InlineData(502, typeof(ComputeServiceUnavailableException))]
        [InlineData(503, typeof(ComputeServiceUnavailableException))]
        [InlineData(504, typeof(ComputeServiceUnavailableException))]
        [InlineData(500, typeof(ComputeApiException))]
        public void StatusMapsToExceptionType(int status, Type expected)
        {
            var e = FaultParser.ToException((HttpStatusCode)status, null, null, null, Uri);
            Assert.IsType(expected, e);
            Assert.Equal((HttpStatusCode)status, e.StatusCode);
        }

        [Fact]
        public void RetryAfterParsesSecondsDatesAndJunk()
        {
            var now = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(3), RetryAfter.Parse("3", now));
            Assert.Equal(TimeSpan.FromSeconds(1.5), RetryAfter.Parse("1.5", now));
            Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse("Mon, 23 Nov 2026 03:00:30 GMT", now));
            Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Mon, 23 Nov 2026 02:00:00 GMT", now));
            Assert.Null(RetryAfter.Parse("soon", now));
            Assert.Null(RetryAfter.Parse((string?)null, now));
            var headers = WithHeaders(("Retry-After", "Mon, 23 Nov 2026 03:00:10 GMT")).Headers;
            Assert.Equal(TimeSpan.FromSeconds(10), RetryAfter.Parse(headers, now));
        }

        [Theory]
        [InlineData(404, ErrorCategory.ObjectNotFound, "ComputeFault")]
        [InlineData(401, ErrorCategory.AuthenticationError, "AuthenticationFailed")]
        [InlineData(403, ErrorCategory.PermissionDenied, "ComputeFault")]
        [InlineData(409, ErrorCategory.ResourceBusy, "Conflict")]
        [InlineData(400, ErrorCategory.InvalidArgument, "BadRequest")]
        [InlineData(413, ErrorCategory.ResourceUnavailable, "RateLimited")]
        [InlineData(429, ErrorCategory.ResourceUnavailable, "RateLimited")]
        [InlineData(503, ErrorCategory.ResourceUnavailable, "ServiceUnavailable")]
        [InlineData(500, ErrorCategory.InvalidResult, "ComputeFault")]
        public void ErrorRecordsMapCategoriesAndDefaultIds(int status, ErrorCategory category, string id)
        {
            var e = FaultParser.ToException((HttpStatusCode)status, null, null, null, Uri);
            var record = ErrorRecords.From(e, null, "server-1");
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal(id, record.FullyQualifiedErrorId);
            Assert.Equal("server-1", record.TargetObject);
            Assert.Same(e, record.Exception);
        }

        [Fact]
        public void ErrorRecordsUseTheGivenIdAndMapTimeouts()
        {
            var notFound = FaultParser.ToException(HttpStatusCode.NotFound, null, null, null, Uri);
            Assert.Equal("ServerNotFound", ErrorRecords.From(notFound, "ServerNotFound", "x").FullyQualifiedErrorId);
            var timeout = ErrorRecords.From(new ComputeTimeoutException("slow", Uri), null, null);
            Assert.Equal(ErrorCategory.OperationTimeout, timeout.CategoryInfo.Category);
            Assert.Equal("OperationTimeout", timeout.FullyQualifiedErrorId);
            var region = ErrorRecords.From(new ComputeRegionNotFoundException("no", "X", new[] { "A" }), null, "X");
            Assert.Equal("RegionNotFound", region.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, region.CategoryInfo.Category);
            var notConnected = ErrorRecords.NotConnectedRecord();
            Assert.Equal("NotConnected", notConnected.FullyQualifiedErrorId);
            Assert.Contains("Connect-ComputeService", notConnected.Exception.Message);
        }
    }
}
