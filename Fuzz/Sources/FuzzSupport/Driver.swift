/// The target's `LLVMFuzzerTestOneInput`, defined with `@_cdecl` in each fuzz target.
@_silgen_name("LLVMFuzzerTestOneInput")
func testOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

extension Fuzz {
    /// Runs libFuzzer's driver (flags, corpus folders, `-runs`, `-merge`…) over the target's
    /// `LLVMFuzzerTestOneInput`.
    ///
    /// SwiftPM links a Swift executable on Linux with `main` defined as `<module>_main`, so libFuzzer's own
    /// `main` is never used; each target defines `<module>_main` to call this.
    public static func runDriver(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return llvmFuzzerRunDriver(&argc, &argv) { start, count in
            guard let start else {
                var empty: UInt8 = 0
                return testOneInput(&empty, 0)
            }
            return testOneInput(UnsafeRawPointer(start), count)
        }
    }
}
