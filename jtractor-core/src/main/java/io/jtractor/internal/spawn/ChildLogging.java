package io.jtractor.internal.spawn;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of child actors: one line per event on standard error,
 * {@code HH:mm:ss.SSS LEVEL logger - message}, then the stack trace of a throwable, for every
 * event at or above the level the parent handed down ({@code jtractor.log.level}, INFO when
 * unset). The parent tags each line with the child's name as it forwards it (SPEC A11), so a
 * child needs no logging configuration of its own.
 *
 * <p>A child selects it at boot ({@link #select()}) unless its JVM options name another
 * provider with {@code -Dslf4j.provider=}: configuring a full backend from XML took a third of
 * a child's start-up and several hundred classes.
 */
public final class ChildLogging implements SLF4JServiceProvider {

    /** The system property through which SLF4J picks its provider. */
    static final String PROVIDER_PROPERTY = "slf4j.provider";

    private static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    private static final String LEVEL_PROPERTY = "jtractor.log.level";
    private static final int LOGGER_NAME_CHARS = 20;

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    /** Public, for SLF4J's reflective instantiation. */
    public ChildLogging() {
    }

    /**
     * Makes this provider the one SLF4J binds to, unless a provider was chosen explicitly;
     * must run before the first logger is created.
     */
    static void select() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, ChildLogging.class.getName());
            // SLF4J otherwise reports on standard error which provider it was told to load.
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggerFactory = new Factory(threshold(System.getProperty(LEVEL_PROPERTY)), System.err);
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
    }

    /**
     * The lowest level logged for {@code name} (TRACE, DEBUG, INFO, WARN, ERROR, OFF, any case;
     * INFO when null or unknown), as an int of {@link Level}; {@link Integer#MAX_VALUE} for OFF.
     */
    static int threshold(String name) {
        if (name == null) {
            return Level.INFO.toInt();
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "ALL" -> Level.TRACE.toInt();
            case "DEBUG" -> Level.DEBUG.toInt();
            case "WARN" -> Level.WARN.toInt();
            case "ERROR" -> Level.ERROR.toInt();
            case "OFF" -> Integer.MAX_VALUE;
            default -> Level.INFO.toInt();
        };
    }

    /**
     * A logger name shortened to about {@code max} characters the way log lines usually do:
     * leading package names cut to their first letter, the class name always whole.
     */
    static String abbreviate(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        var parts = name.split("\\.");
        int length = name.length();
        var sb = new StringBuilder(name.length());
        for (int i = 0; i < parts.length; i++) {
            var part = parts[i];
            boolean last = i == parts.length - 1;
            if (!last && length > max && part.length() > 1) {
                length -= part.length() - 1;
                part = part.substring(0, 1);
            }
            sb.append(part);
            if (!last) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    /** One logger per name, all with the same threshold and sink. */
    static final class Factory implements ILoggerFactory {

        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
        private final int threshold;
        private final PrintStream sink;

        Factory(int threshold, PrintStream sink) {
            this.threshold = threshold;
            this.sink = sink;
        }

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, n -> new LineLogger(n, threshold, sink));
        }
    }

    /** Writes each event as one line (plus a stack trace) in one call to the sink. */
    static final class LineLogger extends LegacyAbstractLogger {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        private final int threshold;
        private final String shortName;
        private final transient PrintStream sink;

        LineLogger(String name, int threshold, PrintStream sink) {
            this.name = name;
            this.threshold = threshold;
            this.shortName = abbreviate(name, LOGGER_NAME_CHARS);
            this.sink = sink;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
                Object[] arguments, Throwable throwable) {
            var formatted = MessageFormatter.basicArrayFormat(pattern, arguments);
            var line = new StringBuilder(64 + (formatted == null ? 4 : formatted.length()));
            line.append(LocalTime.now().format(TIME)).append(' ');
            var levelName = level.name();
            line.append(levelName).append(" ".repeat(Math.max(0, 5 - levelName.length())));
            line.append(' ').append(shortName).append(" - ").append(formatted);
            synchronized (sink) {
                sink.println(line);
                if (throwable != null) {
                    throwable.printStackTrace(sink);
                }
            }
        }
    }
}
