package io.jtractor.bench.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A driver's command line: the job's name, then {@code key=value} settings.
 *
 * @param job the job to run, e.g. {@code rpc}
 * @param settings the settings, e.g. {@code pin=same}
 */
record JobArgs(String job, Map<String, String> settings) {

    static JobArgs parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Driver JOB [key=value ...]");
        }
        var settings = new LinkedHashMap<String, String>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a setting is key=value, got '" + args[i]
                        + "'");
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return new JobArgs(args[0], Map.copyOf(settings));
    }

    boolean quick() {
        return Boolean.parseBoolean(settings.getOrDefault("quick", "false"));
    }

    String get(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    int intValue(String key, int fallback) {
        var value = settings.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
