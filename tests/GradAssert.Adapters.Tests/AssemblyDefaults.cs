// Read by CheckSettingsTests.Assembly_defaults_are_read_from_the_test_methods_assembly: the engine finds this attribute
// on the assembly of the test method it runs. Only the case count is set, so no other test here changes.
[assembly: GradAssert.GradientCheckDefaults(Cases = 2)]
