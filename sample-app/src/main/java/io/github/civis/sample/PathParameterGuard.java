package io.github.civis.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request whose path carries {@code ;} parameters, with a 400 problem naming the path
 * variable and the segment as sent. Spring matches {@code /tables/demo.victim;drop/import} as
 * {@code /tables/demo.victim/import}, dropping everything after the {@code ;}: an import would
 * then replace a table other than the one named. A {@code ;} that belongs to a value travels
 * percent-encoded ({@code %3B}) and reaches the controller as it was sent.
 */
class PathParameterGuard implements HandlerInterceptor {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:.*)?}");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.indexOf(';') < 0) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String[] templates = (pattern != null) ? pattern.toString().split("/", -1) : new String[0];
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].indexOf(';') >= 0) {
                Matcher variable = (i < templates.length) ? VARIABLE.matcher(templates[i]) : null;
                String field = (variable != null && variable.matches()) ? variable.group(1) : "path";
                throw new BadInputException(field, "The path segment '" + segments[i] + "' holds ';', which would "
                        + "cut " + field + " short at the ';': send " + field + " exactly as it is named, with a ';' "
                        + "that belongs to it percent-encoded as %3B");
            }
        }
        return true;
    }

}
