# Sourced by ./jtractor and ./run-tests: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME when it is 21+, else the newest JDK under the usual install folders,
# else `javac` on the PATH when it is 21+.

jt_java_major() {  # $1: a JDK home; prints its major version, or nothing
    local release="$1/release" v
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    if [ -f "$release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    else
        v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    fi
    echo "$v"
}

jt_find_jdk() {
    local best="" best_major=0 home major
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(jt_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
                /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
        [ -d "$home" ] || continue
        major=$(jt_java_major "$home")
        [ -n "$major" ] || continue
        if [ "$major" -gt "$best_major" ]; then
            best="$home"
            best_major="$major"
        fi
    done
    if [ "$best_major" -lt 21 ] && command -v javac >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(jt_java_major "$home")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            best="$home"
            best_major="$major"
        fi
    fi
    if [ "$best_major" -ge 21 ]; then
        echo "$best"
        return 0
    fi
    return 1
}

if ! JAVA_HOME=$(jt_find_jdk); then
    echo "jtractor needs a JDK 21 or newer and found none." >&2
    echo "Install one (Debian/Ubuntu: 'sudo apt-get install openjdk-21-jdk'," >&2
    echo "or any build from adoptium.net) or point JAVA_HOME at it." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
