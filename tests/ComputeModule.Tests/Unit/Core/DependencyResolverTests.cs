using System.IO;
using ComputeModule.Http;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    public class DependencyResolverTests
    {
        [Fact]
        public void AnyVersionOfAShippedDependencyResolvesToTheFileBesideTheModule()
        {
            string dir = Directory.CreateTempSubdirectory("cm-resolver-").FullName;
            try
            {
                File.WriteAllBytes(Path.Combine(dir, "System.Text.Json.dll"), new byte[] { 0 });
                File.WriteAllBytes(Path.Combine(dir, "System.Management.Automation.dll"), new byte[] { 0 });
                Assert.Equal(Path.Combine(dir, "System.Text.Json.dll"),
                    DependencyResolver.ResolvePath("System.Text.Json, Version=8.0.0.5, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", dir));
                Assert.Null(DependencyResolver.ResolvePath("System.Memory, Version=4.0.1.2", dir));
                Assert.Null(DependencyResolver.ResolvePath("System.Management.Automation, Version=3.0.0.0", dir));
                Assert.Null(DependencyResolver.ResolvePath("ComputeModule", dir));
                Assert.Null(DependencyResolver.ResolvePath("not a valid, name=", dir));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
