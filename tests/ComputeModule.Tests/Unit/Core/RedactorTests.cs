using System.Net.Http;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    public class RedactorTests
    {
        [Fact]
        public void V3PasswordRequestHidesPasswordButKeepsStructure()
        {
            string body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"demo\",\"domain\":{\"name\":\"Default\"},\"password\":\"s3cr3t!\"}}},\"scope\":{\"project\":{\"name\":\"demo\"}}}}";
            string r = Redactor.Body(body);
            Assert.DoesNotContain("s3cr3t!", r);
            Assert.Contains("\"password\":\"***\"", r);
            Assert.Contains("\"name\":\"demo\"", r);
            Assert.Contains("\"methods\":[\"password\"]", r);
        }

        [Fact]
        public void V2ApiKeyAndPasswordCredentialsAreHidden()
        {
            Assert.DoesNotContain("key-123", Redactor.Body("{\"auth\":{\"RAX-KSKEY:apiKeyCredentials\":{\"username\":\"demo\",\"apiKey\":\"key-123\"},\"tenantName\":\"demo\"}}"));
            Assert.DoesNotContain("pw-9", Redactor.Body("{\"auth\":{\"passwordCredentials\":{\"username\":\"demo\",\"password\":\"pw-9\"}}}"));
        }

        [Fact]
        public void TokenIdsAreHiddenOtherIdsAreNot()
        {
            string v2Answer = "{\"access\":{\"token\":{\"id\":\"HPAuth_abc\",\"expires\":\"2026-01-01T00:00:00Z\",\"tenant\":{\"id\":\"1234\"}},\"user\":{\"id\":\"u1\"}}}";
            string r = Redactor.Body(v2Answer);
            Assert.DoesNotContain("HPAuth_abc", r);
            Assert.Contains("\"id\":\"1234\"", r);
            Assert.Contains("\"id\":\"u1\"", r);
            Assert.DoesNotContain("tok-secret", Redactor.Body("{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"tok-secret\"}}}}"));
            Assert.DoesNotContain("tok-flat", Redactor.Body("{\"token\":\"tok-flat\"}"));
        }

        [Fact]
        public void AdminPassInServerAnswersIsHidden()
            => Assert.DoesNotContain("Zq9", Redactor.Body("{\"server\":{\"id\":\"s1\",\"adminPass\":\"Zq9\"}}"));

        [Fact]
        public void NonJsonBodiesPassUnlessTheyMayHoldSecrets()
        {
            Assert.Equal("<html>Bad Gateway</html>", Redactor.Body("<html>Bad Gateway</html>"));
            Assert.DoesNotContain("hunter2", Redactor.Body("password=hunter2"));
            Assert.DoesNotContain("hunter2", Redactor.Body("{\"password\": \"hunter2\""));
            Assert.Equal(string.Empty, Redactor.Body(null));
        }

        [Fact]
        public void TokenHeadersAreMasked()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://x/");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "tok-abc");
            request.Headers.TryAddWithoutValidation("X-Subject-Token", "tok-def");
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            string h = Redactor.Headers(request.Headers);
            Assert.DoesNotContain("tok-abc", h);
            Assert.DoesNotContain("tok-def", h);
            Assert.Contains("X-Auth-Token: ***", h);
            Assert.Contains("application/json", h);
        }
    }
}
