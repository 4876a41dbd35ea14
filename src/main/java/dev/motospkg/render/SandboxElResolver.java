package dev.motospkg.render;

import com.hubspot.jinjava.lib.Importable;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * Keeps templates inside data: property reads on maps, lists and Jinjava's own loop objects only,
 * and no Java method calls except the read-only dict methods Jinja templates commonly use
 * ({@code items()}, {@code keys()}, {@code values()}, {@code get()}).
 */
final class SandboxElResolver extends ELResolver {
    private static final Set<String> MAP_METHODS = Set.of("items", "keys", "values", "get");

    private final ELResolver delegate;
    /** Names of the maps handed out (values, values.frontend, ...), so an undefined key is named by its path. */
    private final Map<Object, String> paths = new IdentityHashMap<>();
    private final List<Undefined> undefined = new ArrayList<>();

    SandboxElResolver(ELResolver delegate) {
        this.delegate = delegate;
    }

    /** Starts a template: forgets what the previous one was handed; the top-level maps are named by their variable. */
    void reset(Map<String, Object> bindings) {
        paths.clear();
        undefined.clear();
        bindings.forEach((name, value) -> paths.put(unwrapped(value), name));
    }

    /** Undefined values the template used for something other than {@code is defined} or {@code default}. */
    List<String> misusedUndefined() {
        return undefined.stream().filter(Undefined::misused).map(Undefined::describe).distinct().toList();
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Undefined u) {
            context.setPropertyResolved(true);
            return track(u.child(String.valueOf(property)));
        }
        if (base instanceof Map<?, ?> map && property instanceof String key && !map.containsKey(key)
                && !MAP_METHODS.contains(key)) {
            context.setPropertyResolved(true);
            return track(Undefined.missing(paths.get(unwrapped(base)), key));
        }
        if (base == null || isData(base) || isJinjavaObject(base)) {
            Object value = delegate.getValue(context, base, property);
            Object named = unwrapped(value);
            if (named instanceof Map<?, ?> && !paths.containsKey(named)) {
                String parent = base == null ? null : paths.get(unwrapped(base));
                if (base == null || parent != null) {
                    paths.put(named, base == null ? String.valueOf(property) : parent + "." + property);
                }
            }
            return value;
        }
        throw new ELException("templates may not read Java properties (`" + property + "` of "
                + base.getClass().getSimpleName() + ")");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if ((base instanceof Map && MAP_METHODS.contains(String.valueOf(method))) || isJinjavaObject(base)) {
            return delegate.invoke(context, base, method, paramTypes, params);
        }
        String on = base == null ? "" : " on " + base.getClass().getSimpleName();
        throw new ELException("templates may not call Java methods (`" + method + "()`" + on
                + "); use filters such as | upper, | replace, | default");
    }

    /** Jinjava hands maps out wrapped, a new wrapper each time: names belong to what is inside. */
    private static Object unwrapped(Object o) {
        return o instanceof com.hubspot.jinjava.objects.collections.PyMap py ? py.toMap() : o;
    }

    private Undefined track(Undefined u) {
        undefined.add(u);
        return u;
    }

    private static boolean isData(Object base) {
        return base instanceof Map || base instanceof List || base.getClass().isArray();
    }

    /** Jinjava calls its own filters, tests and macros through the resolver; those stay allowed. */
    private static boolean isJinjavaObject(Object base) {
        return base instanceof Importable || base.getClass().getName().startsWith("com.hubspot.jinjava.");
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return delegate.getType(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        throw new ELException("templates may not modify values");
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return delegate.getFeatureDescriptors(context, base);
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return delegate.getCommonPropertyType(context, base);
    }
}
