using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using EvidenceKit.Core.Collection;

namespace EvidenceKit.Core.Tests.Architecture;

/// <summary>Core holds ports and rules only: no native call, no unsafe code, no logging library of its own choosing.</summary>
public sealed class CorePortsTests
{
    private static readonly Assembly Core = typeof(ISourceFiles).Assembly;

    [Fact]
    public void Core_declares_no_native_import()
    {
        var imports = Core.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<DllImportAttribute>() is not null || m.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            .Select(m => $"{m.DeclaringType}.{m.Name}");

        imports.Should().BeEmpty("native calls live in EvidenceKit.Platform.Linux");
    }

    [Fact]
    public void Core_allows_no_unsafe_code_and_references_no_Serilog()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "EvidenceKit.Core", "EvidenceKit.Core.csproj"));

        project.Descendants("AllowUnsafeBlocks").Should().BeEmpty();
        Core.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("Serilog");
    }

    [Fact]
    public void Mode_and_target_kind_are_named_with_the_words_existing_manifests_use()
    {
        CollectionModes.Name(CollectionMode.Analysis).Should().Be("analysis");
        CollectionModes.Name(CollectionMode.Prosecution).Should().Be("prosecution");
        CollectionModes.Parse("prosecution").Should().Be(CollectionMode.Prosecution);
        CollectionModes.Parse("Prosecution").Should().BeNull("a manifest's mode is matched exactly");
        TargetKinds.Name(TargetKind.Directory).Should().Be("directory");
        TargetKinds.Name(TargetKind.Sftp).Should().Be("sftp");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 10 && dir is not null; i++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvidenceKit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("EvidenceKit.sln not found above the test binaries.");
    }
}
