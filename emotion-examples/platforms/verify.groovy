// Each tree holds natives of its own platform only (and the backend asked for).
def platforms = ['linux-x86_64', 'linux-arm64', 'macosx-x86_64', 'macosx-arm64', 'windows-x86_64']
def check = { String file, String platform, String backend ->
    def tree = new File(basedir, file).text
    def natives = tree.readLines().findAll { it =~ /:jar:[a-z]+-[a-z0-9_]+/ }
    assert !natives.isEmpty() : "${file}: no native artifacts at all"
    platforms.findAll { it != platform }.each { other ->
        def wrong = natives.findAll { it.contains(":jar:${other}") }
        assert wrong.isEmpty() : "${file}: artifacts of ${other} in a ${platform} tree:\n${wrong.join('\n')}"
    }
    assert tree.contains("org.nd4j:${backend}:jar:") : "${file}: no ${backend}"
    println "${file}: ${natives.size()} native artifacts, all ${platform}"
}
check('tree-default.txt', 'linux-x86_64', 'nd4j-native')
assert new File(basedir, 'tree-default.txt').text.contains('org.nd4j:nd4j-native:jar:linux-x86_64-onednn-avx2') : 'default: oneDNN AVX2 build'
check('tree-macosx-arm64.txt', 'macosx-arm64', 'nd4j-native')
check('tree-windows-x86_64.txt', 'windows-x86_64', 'nd4j-native')
check('tree-linux-arm64.txt', 'linux-arm64', 'nd4j-native')
check('tree-cuda.txt', 'linux-x86_64', 'nd4j-cuda-11.6')
return true
