using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using ComputeModule.Commands;
using ComputeModule.Tests.Unit.Core;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    /// <summary>The manifest and the format file load, and the resource cmdlets follow the conventions.</summary>
    public class ModuleFilesTests
    {
        private static readonly Type[] ResourceCmdlets =
        {
            typeof(GetComputeServerCommand), typeof(GetComputeImageCommand), typeof(NewComputeImageCommand), typeof(RemoveComputeImageCommand),
            typeof(GetComputeImageMetadataCommand), typeof(SetComputeImageMetadataCommand), typeof(RemoveComputeImageMetadataCommand),
            typeof(EnableComputeImageScheduleCommand), typeof(GetComputeImageScheduleCommand), typeof(DisableComputeImageScheduleCommand),
        };

        [Fact]
        public void FormatFileLoadsWithoutErrors()
        {
            string path = Path.Combine(TestBackend.RepoRoot, "src", "ComputeModule", "ComputeModule.Format.ps1xml");
            var table = new FormatTable(new[] { path });
            Assert.NotNull(table);
        }

        [Fact]
        public void ManifestExportsTheThirteenCmdletsAndNothingElse()
        {
            string path = Path.Combine(TestBackend.RepoRoot, "ComputeModule.psd1");
            using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
            ps.AddCommand("Import-PowerShellDataFile").AddParameter("LiteralPath", path);
            var data = (Hashtable)ps.Invoke().Single().BaseObject;
            Assert.Empty(ps.Streams.Error);

            Assert.Equal("ComputeModule.dll", data["RootModule"]);
            Assert.Equal("0.1.0", data["ModuleVersion"]);
            Assert.Equal("5.1", data["PowerShellVersion"]);
            var exported = ((object[])data["CmdletsToExport"]!).Cast<string>().ToArray();
            Assert.Equal(13, exported.Length);
            var defined = typeof(ComputeCmdlet).Assembly.GetTypes()
                .Select(t => t.GetCustomAttribute<CmdletAttribute>()).Where(a => a != null)
                .Select(a => a!.VerbName + "-" + a.NounName).ToArray();
            Assert.All(exported, name => Assert.Contains(name, defined));
            Assert.Empty((object[])data["FunctionsToExport"]!);
            Assert.Empty((object[])data["AliasesToExport"]!);
            Assert.Empty((object[])data["VariablesToExport"]!);
        }

        [Fact]
        public void ResourceCmdletsFollowTheConventions()
        {
            foreach (var type in ResourceCmdlets)
            {
                Assert.True(type.IsSealed, type.Name + " is sealed");
                Assert.NotEmpty(type.GetCustomAttributes<OutputTypeAttribute>());
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
                bool changesState = cmdlet.VerbName is "New" or "Remove" or "Set" or "Enable" or "Disable";
                Assert.Equal(changesState, cmdlet.SupportsShouldProcess);
                foreach (var property in type.GetProperties())
                {
                    var parameters = property.GetCustomAttributes<ParameterAttribute>().ToArray();
                    if (parameters.Length == 0) continue;
                    Assert.False(property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(System.Collections.Generic.List<>),
                        $"{type.Name}.{property.Name} is a List<>");
                }
                // At most one by-value pipeline parameter per parameter set.
                var byValue = type.GetProperties()
                    .SelectMany(p => p.GetCustomAttributes<ParameterAttribute>().Where(a => a.ValueFromPipeline).Select(a => (Set: a.ParameterSetName, p.Name)))
                    .GroupBy(x => x.Set);
                Assert.All(byValue, g => Assert.Single(g));
            }
            Assert.Equal(ConfirmImpact.High, typeof(RemoveComputeImageCommand).GetCustomAttribute<CmdletAttribute>()!.ConfirmImpact);
        }
    }
}
