namespace GradAssert;

/// <summary>
/// Defaults for every <c>[GradientCheck]</c> test of an assembly, in any framework: <c>[assembly:
/// GradientCheckDefaults(Cases = 50, SafetyFactor = 20)]</c>. A value set on a test's own attribute wins over these, and
/// an option a case's code changes from its default wins over both; the report's header says where each setting came
/// from. The settings are those of <c>[GradientCheck]</c>: <see cref="Cases"/>, one tolerance rule
/// (<see cref="SafetyFactor"/>, <see cref="Threshold"/>, or <see cref="AbsoluteTolerance"/> with
/// <see cref="RelativeTolerance"/>), <see cref="Step"/>, <see cref="Mode"/>, <see cref="Scheme"/> and
/// <see cref="MaxElements"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed partial class GradientCheckDefaultsAttribute : Attribute
{
}
