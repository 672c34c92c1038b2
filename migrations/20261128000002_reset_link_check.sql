-- Whether a password-reset link still works (not unknown, used or expired), so that its page can
-- say so at once, with a 404, as an invitation link's page does (found from outside: the page of
-- any link showed the form with a 200, and said "no longer works" only once a new password had
-- been typed twice). It tells whoever holds a link what the form's answer told them anyway.

create function app.reset_link_works(p_token_hash bytea) returns boolean
    language sql stable security definer
    set search_path = ''
    as $$
        select exists (
            select 1 from public.auth_tokens t
            where t.token_hash = p_token_hash
              and t.purpose = 'reset_password'
              and t.used_at is null
              and t.expires_at > now())
    $$;

alter function app.reset_link_works(bytea) owner to santa_definer;
revoke execute on function app.reset_link_works(bytea) from public;
grant execute on function app.reset_link_works(bytea) to santa_app;
