using Mapster;

namespace SommeNumerique.Saas.Application.Tests.Common;

public class MappingConfigurationTests
{
    [Fact]
    public void Every_map_of_the_application_compiles()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(SommeNumerique.Saas.Application.AssemblyMarker).Assembly);

        var error = Record.Exception(() => config.Compile());

        Assert.Null(error);
    }
}
